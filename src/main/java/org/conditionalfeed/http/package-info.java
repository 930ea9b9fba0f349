/**
 * HTTP semantics that do not depend on what is being served: validators ({@link EntityTag},
 * {@link HttpDates}), the RFC 9110 section 13.2.2 precondition decision ({@link ConditionalGet}),
 * byte ranges ({@link ByteRange}), content negotiation for gzip ({@link AcceptEncoding}) and the
 * one place that writes a cacheable representation to a servlet response
 * ({@link RepresentationResponder}).
 *
 * <p>The decision classes are pure functions with no servlet types, so they can be table-tested.
 * Feature packages ({@code feed}, {@code admin}) call into this package; it calls none of them.
 */
package org.conditionalfeed.http;
