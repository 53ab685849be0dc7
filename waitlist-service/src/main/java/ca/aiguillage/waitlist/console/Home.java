package ca.aiguillage.waitlist.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The service's address leads people to the console instead of an API answer. */
@Controller
class Home {

	@GetMapping("/")
	String home() {
		return "redirect:/console";
	}

}
