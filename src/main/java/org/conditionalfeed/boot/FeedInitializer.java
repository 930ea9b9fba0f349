package org.conditionalfeed.boot;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collections;
import java.util.Set;
import org.conditionalfeed.config.SettingsLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one start-up path. A standalone Tomcat finds this class through
 * {@code META-INF/services/jakarta.servlet.ServletContainerInitializer} and calls the no-argument
 * constructor: settings come from the environment and the system properties of Tomcat's JVM. The
 * embedded launcher passes an application it has already started, so a bad setting or an
 * unreachable database fails before the port opens. Either way the application closes with the
 * context.
 */
public final class FeedInitializer implements ServletContainerInitializer {

    private static final Logger LOG = LoggerFactory.getLogger(FeedInitializer.class);

    private final Application started;

    /** For a deployed WAR: builds the application from the environment and system properties at start-up. */
    public FeedInitializer() {
        this(null);
    }

    FeedInitializer(Application started) {
        this.started = started;
    }

    /**
     * A deployed WAR's JDBC drivers registered themselves with the JVM-wide
     * {@link DriverManager}; leaving them there would pin the undeployed web application in memory.
     */
    private static void deregisterOwnDrivers() {
        ClassLoader own = FeedInitializer.class.getClassLoader();
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (driver.getClass().getClassLoader() == own) {
                try {
                    DriverManager.deregisterDriver(driver);
                } catch (SQLException e) {
                    LOG.warn("Could not deregister JDBC driver {}: {}", driver.getClass().getName(), e.getMessage());
                }
            }
        }
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        Application application;
        try {
            application = started != null ? started
                    : Application.start(SettingsLoader.load(System.getenv(), System.getProperties()), Clock.systemUTC());
        } catch (RuntimeException e) {
            LOG.error("conditional-feed cannot start: {}", e.getMessage());
            throw new ServletException("conditional-feed cannot start: " + e.getMessage(), e);
        }
        application.register(context);
        context.addListener(new ServletContextListener() {
            @Override
            public void contextDestroyed(ServletContextEvent event) {
                application.close();
                if (started == null) {
                    deregisterOwnDrivers();
                }
            }
        });
    }
}
