package ca.aiguillage.referral.directory;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The member organizations known before matching's directory names them.
 *
 * @param organizations organization ids that are members even with no therapist in the
 * directory yet (matching's {@code organizations.csv} ids)
 */
@ConfigurationProperties("referral.directory")
record DirectorySettings(@DefaultValue List<String> organizations) {
}
