package org.conditionalfeed.boot;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Believes {@code X-Forwarded-For} and {@code X-Forwarded-Proto} from the operator's reverse
 * proxies ({@code FEED_TRUSTED_PROXIES}) and from nobody else, through Tomcat's own
 * {@code RemoteIpFilter}: behind those proxies the request's remote address, scheme and
 * {@code isSecure()} are the client's, for the login throttle, the access log and the pages alike.
 * The filter is named by class, so this code needs no Tomcat type: the embedded jar has Tomcat on
 * its class path, and a standalone Tomcat lends the WAR its own.
 *
 * <p>Only the listed addresses are trusted: {@code internalProxies} is exactly those addresses,
 * never Tomcat's default of every private range, and {@code trustedProxies} is empty. Stateless.
 */
final class ForwardedHeaders {

    static final String FILTER_CLASS = "org.apache.catalina.filters.RemoteIpFilter";

    private ForwardedHeaders() {
    }

    /**
     * Registers the filter on {@code context} ahead of every filter registered after it, so it
     * must be the first; does nothing when {@code proxies} is empty.
     */
    static void register(ServletContext context, List<String> proxies) {
        if (proxies.isEmpty()) {
            return;
        }
        FilterRegistration.Dynamic filter = context.addFilter("forwardedHeaders", FILTER_CLASS);
        filter.setInitParameters(initParameters(proxies));
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    }

    /** The filter's settings for these proxies. */
    static Map<String, String> initParameters(List<String> proxies) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("internalProxies", internalProxies(proxies));
        parameters.put("trustedProxies", "");
        parameters.put("remoteIpHeader", "X-Forwarded-For");
        parameters.put("protocolHeader", "X-Forwarded-Proto");
        parameters.put("protocolHeaderHttpsValue", "https");
        return parameters;
    }

    /**
     * A regular expression matching exactly these addresses, each as written and as the
     * connector reports a peer's address ({@code ::1} arrives as {@code 0:0:0:0:0:0:0:1}).
     */
    static String internalProxies(List<String> proxies) {
        Set<String> forms = new LinkedHashSet<>();
        for (String proxy : proxies) {
            forms.add(proxy);
            forms.add(asReported(proxy));
        }
        return forms.stream().map(Pattern::quote).collect(Collectors.joining("|"));
    }

    /** The address as {@link InetAddress#getHostAddress()} writes it; a literal, so no lookup happens. */
    private static String asReported(String address) {
        try {
            return InetAddress.getByName(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + address, e);
        }
    }
}
