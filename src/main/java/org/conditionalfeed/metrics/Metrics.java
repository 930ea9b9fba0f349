package org.conditionalfeed.metrics;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The meter registry and everything that reports into it: the JVM binders (memory, garbage
 * collection, threads, class loading, processor, uptime), the feed's render timer
 * ({@code feed_render_seconds}), the database pool (through {@link #poolTracker()}) and the
 * per-request counters of {@link RequestMetrics}. Built only when metrics are on.
 *
 * <p>Thread-safe; {@link #close()} releases the garbage-collection listeners.
 */
public final class Metrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Timer renders;

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        renders = Timer.builder("feed.render").description("Time to read and render a new feed revision")
                .register(registry);
    }

    /** Records each feed render's duration in nanoseconds. */
    public LongConsumer renderTimes() {
        return nanos -> renders.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** For HikariCP: the pool's connections, waits and timeouts as {@code hikaricp_*} meters. */
    public MetricsTrackerFactory poolTracker() {
        return new MicrometerMetricsTrackerFactory(registry);
    }

    /**
     * Counts every request and serves {@code /metrics} to the holder of {@code token}. Register it
     * before the filters that handle errors, so the counted status is the final one.
     */
    public void register(ServletContext context, String token) {
        context.addFilter("requestMetrics", new RequestMetrics(registry))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        context.addServlet("metrics", new MetricsServlet(registry, token)).addMapping("/metrics");
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
