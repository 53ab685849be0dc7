package ca.aiguillage.platform.web.errors;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * The error pages, for services that render pages with Thymeleaf.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.thymeleaf.spring6.SpringTemplateEngine")
public class ErrorPagesAutoConfiguration {

	@Bean
	ErrorPages errorPages() {
		return new ErrorPages();
	}

	@Bean
	PageExceptions pageExceptions() {
		return new PageExceptions();
	}

}
