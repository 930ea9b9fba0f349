package org.conditionalfeed.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which peer addresses Tomcat's filter is told to believe: exactly the configured ones. */
class ForwardedHeadersTest {

    @ParameterizedTest(name = "[{index}] proxies {0}, peer {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1              | 127.0.0.1               | true",
        "127.0.0.1              | 127.0.0.2               | false",
        "127.0.0.1              | 127a0b0c1               | false",
        "127.0.0.1              | 127.0.0.10              | false",
        "127.0.0.1              | 10.0.0.1                | false",
        "10.0.0.1 192.168.1.2   | 192.168.1.2             | true",
        "10.0.0.1 192.168.1.2   | 192.168.1.3             | false",
        "10.0.0.1 192.168.1.2   | 172.16.0.1              | false",
        "::1                    | 0:0:0:0:0:0:0:1         | true",
        "::1                    | ::1                     | true",
        "::1                    | 127.0.0.1               | false",
        "2001:db8::7            | 2001:db8:0:0:0:0:0:7    | true",
        "2001:db8::7            | 2001:db8:0:0:0:0:0:70   | false",
        "::ffff:10.0.0.1        | 10.0.0.1                | true",
    })
    void trustsExactlyTheConfiguredAddresses(String proxies, String peer, boolean trusted) {
        String regex = ForwardedHeaders.initParameters(List.of(proxies.split(" "))).get("internalProxies");
        assertEquals(trusted, Pattern.compile(regex).matcher(peer).matches(), regex);
    }

    @ParameterizedTest(name = "[{index}] {0} = \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "trustedProxies   | ''",
        "remoteIpHeader   | X-Forwarded-For",
        "protocolHeader   | X-Forwarded-Proto",
    })
    void believesOnlyTheProxiesThemselves(String parameter, String value) {
        assertEquals(value, ForwardedHeaders.initParameters(List.of("127.0.0.1")).get(parameter));
    }
}
