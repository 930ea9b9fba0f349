/**
 * The composition root. {@link Application} builds settings, database, repositories, renderers
 * and servlets and passes each through constructors; {@link FeedInitializer}, the one
 * {@link jakarta.servlet.ServletContainerInitializer}, registers them for the WAR and for the
 * embedded server alike; {@link EmbeddedServer} and {@link Main} run the embedded Tomcat.
 *
 * <p>Nothing outside this package creates application objects. Only the launcher classes
 * ({@link EmbeddedServer}, {@link Main}) touch Tomcat's own classes; {@link ForwardedHeaders}
 * names Tomcat's {@code RemoteIpFilter} by class only, for a standalone Tomcat lends it to the WAR.
 */
package org.conditionalfeed.boot;
