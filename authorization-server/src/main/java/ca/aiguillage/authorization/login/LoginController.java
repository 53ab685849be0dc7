package ca.aiguillage.authorization.login;

import java.security.Principal;

import ca.aiguillage.authorization.accounts.Accounts;

import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page, and where someone lands who signed in without an application. */
@Controller
class LoginController {

	private final Accounts accounts;

	LoginController(Accounts accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/login")
	String login(@RequestParam(required = false) @Nullable String error,
			@RequestParam(required = false) @Nullable String throttled,
			@RequestParam(required = false) @Nullable String logout, HttpSession session, Model model) {
		// Spring Security's redirects after a refused sign-in and a sign-out, and ours
		// after
		// a throttled one.
		model.addAttribute("refused", error != null);
		model.addAttribute("throttled", throttled != null);
		model.addAttribute("signedOut", logout != null);
		model.addAttribute("secondFactor", this.accounts.asksForASecondFactor());
		model.addAttribute("username",
				(error != null || throttled != null) ? session.getAttribute(RefusedSignIn.USERNAME) : null);
		return "authorization/login";
	}

	@GetMapping("/")
	String signedIn(Principal principal, Model model) {
		model.addAttribute("username", principal.getName());
		return "authorization/signed-in";
	}

}
