package ca.aiguillage.platform.probe;

import org.springframework.boot.SpringApplication;

/** The probe service as its own process, started as a deployment starts a service. */
public final class ProbeServer {

	private ProbeServer() {
	}

	public static void main(String[] args) {
		SpringApplication.run(PlatformTestApplication.class, args);
	}

}
