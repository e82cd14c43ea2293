package edu.campus.common.observability;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Gives OpenTelemetry's ids in a log line the names our logs use: {@code trace_id} and {@code span_id} (Quarkus puts
 * them in the MDC as {@code traceId}, {@code spanId}, with {@code sampled} and {@code parentId}, which say nothing a
 * reader of the logs needs), and the request id from the request's own context ({@link RequestIds#current}: the MDC's
 * copy can be stale after a span switch). Only the line's own copy of the MDC changes. The console handler applies it
 * ({@code quarkus.log.console.filter=campus-trace-ids}); it never drops a line.
 */
@LoggingFilter(name = "campus-trace-ids")
public final class TraceIdsInLogs implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        if (!(record instanceof ExtLogRecord line)) {
            return true;
        }
        String requestId = RequestIds.current();
        if (requestId != null && !requestId.equals(line.getMdc(RequestIds.MDC_KEY))) {
            line.putMdc(RequestIds.MDC_KEY, requestId);
        }
        if (line.getMdc("traceId") != null) {
            line.putMdc("trace_id", line.removeMdc("traceId"));
            String span = line.removeMdc("spanId");
            if (span != null) {
                line.putMdc("span_id", span);
            }
            line.removeMdc("sampled");
            line.removeMdc("parentId");
        }
        return true;
    }
}
