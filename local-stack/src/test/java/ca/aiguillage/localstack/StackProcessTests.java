package ca.aiguillage.localstack;

import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A part of the process stack tells the stack when its port was taken by another process
 * before it could bind it, so that the stack starts it again on another port.
 */
class StackProcessTests {

	@TempDir
	Path data;

	@Test
	void aPartWhosePortAnotherProcessTookExitsSayingSoAndWritesNoReadyFile() throws Exception {
		Path ready = this.data.resolve("mongo.ready");
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			Process part = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
					"-D" + StackProcess.READY_FILE + "=" + ready, "-cp", System.getProperty("java.class.path"),
					StackProcess.class.getName(), "mongo", this.data.resolve("aiguillage.mv").toString(),
					String.valueOf(taken.getLocalPort())))
				.redirectErrorStream(true)
				.redirectOutput(this.data.resolve("mongo.log").toFile())
				.start();
			try {
				assertThat(part.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
				assertThat(part.exitValue()).isEqualTo(StackProcess.PORT_TAKEN);
			}
			finally {
				part.destroyForcibly();
			}
		}
		assertThat(ready).doesNotExist();
	}

	@Test
	void aFailureCausedByABindExceptionIsAPortTaken() {
		assertThat(StackProcess.portTaken(new IllegalStateException("start", new BindException("taken")))).isTrue();
		assertThat(StackProcess.portTaken(new IllegalStateException("no database file"))).isFalse();
	}

}
