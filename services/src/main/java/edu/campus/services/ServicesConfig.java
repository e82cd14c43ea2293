package edu.campus.services;

import java.util.List;

import io.smallrye.config.ConfigMapping;

/** services' settings; each reads from its env variable (SERVICES_MAX_FILE_MB, ...): see README. */
@ConfigMapping(prefix = "services")
public interface ServicesConfig {

    Files files();

    Sso sso();

    /** The desk's listings count matching applications up to this many (then say "more"). */
    @io.smallrye.config.WithDefault("10000")
    long deskCountCap();

    /** Uploads, per submit or reply. */
    interface Files {
        int maxFileMb();

        int maxTotalMb();

        int maxCount();

        /** Lower-case extensions; each must also be one FileTypes knows how to recognise. */
        List<String> allowedExtensions();

        default long maxFileBytes() {
            return maxFileMb() * 1024L * 1024L;
        }

        default long maxTotalBytes() {
            return maxTotalMb() * 1024L * 1024L;
        }
    }

    /** The job that finishes what SSO could not do at once (accounts to create, accounts to delete). */
    interface Sso {
        /** How often ("30s"), or "off". */
        String retryEvery();

        int retryBatch();

        /** A row changed more recently than this is left to the request that is handling it. */
        java.time.Duration settleAfter();
    }
}
