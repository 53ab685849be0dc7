package ca.aiguillage.matching.directory;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the directory, under {@code matching}.
 *
 * @param demoData whether to fill an empty directory with the demo organizations and
 * therapists at start-up (off unless asked for, so that no real directory ever gets
 * fictional therapists)
 */
@ConfigurationProperties("matching")
record DirectorySettings(boolean demoData) {
}
