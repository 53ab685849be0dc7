package ca.aiguillage.notification.budgets;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Hourly message budgets of self-referred clients; a message over budget is held, not
 * dropped, and sent when the budget allows within its retry deadline.
 *
 * @param perDestinationHourly messages one email address or mobile number may receive in
 * a clock hour
 * @param globalHourly messages all self-referred clients together may receive in a clock
 * hour
 */
@ConfigurationProperties("notification.budgets")
public record BudgetSettings(@DefaultValue("5") int perDestinationHourly, @DefaultValue("200") int globalHourly) {
}
