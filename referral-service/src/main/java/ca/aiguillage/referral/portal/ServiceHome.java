package ca.aiguillage.referral.portal;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The service's root, for a person who typed only its address: the partner portal. */
@Controller
class ServiceHome {

	@GetMapping("/")
	String home() {
		return "redirect:" + PartnerPortal.PATH;
	}

}
