package edu.campus.common.graal;

import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;

/**
 * Native executables only: the JDK's cgroup metrics reach the VM through JNI code (libjava's CgroupMetrics.o, which calls
 * JVM_IsUseContainerSupport and JVM_IsContainerized) that the stand-in native toolchain of our machines does not
 * provide, and OpenTelemetry's SDK makes that code reachable (the link failed without this; SubstrateVM substitutes
 * isUseContainerSupport itself). Answered here as the toolchain answers everything about containers: not
 * containerized. Native binaries size their heap from -Xmx anyway (compose, Kubernetes and the runner pass it).
 */
@TargetClass(className = "jdk.internal.platform.CgroupMetrics")
final class Target_jdk_internal_platform_CgroupMetrics {

    @Substitute
    private static boolean isContainerized0() {
        return false;
    }

    // never asked when not containerized (no CgroupMetrics is made); substituted so that the JNI object holding them,
    // and its calls into the missing VM functions, are not linked
    @Substitute
    private static long getTotalMemorySize0() {
        return -1;
    }

    @Substitute
    private static long getTotalSwapSize0() {
        return -1;
    }
}
