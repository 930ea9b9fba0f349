/**
 * Everything the administrator uses: the JSON entries API ({@link EntriesApiServlet}), its
 * input checks (media type and strict UTF-8, {@link JsonBody}; fields, {@link EntryInput}), HTTP
 * Basic authentication ({@link BasicAuthFilter}, {@link AdminAuthenticator}) over a salted PBKDF2
 * hash ({@link PasswordHasher}) behind the per-client {@link LoginThrottle}, {@code Secure}
 * cookies on HTTPS requests ({@link SecureCookieFilter}), and the JSON error mapping
 * ({@link ApiException}, {@link JsonResponses}); and the web UI ({@link AdminUiServlet}), its
 * session and CSRF checks ({@link AdminSession}), pages rendered from JTE templates
 * ({@link AdminPages}) and written by {@link AdminResponses}, its entry pages and form
 * ({@link AdminEntries}), its media pages and upload ({@link AdminMedia}).
 *
 * <p>Wired by {@code boot}; writes entries through {@code store}; takes and lists media through
 * {@code media}'s {@link org.conditionalfeed.media.MediaIntake} and
 * {@link org.conditionalfeed.media.MediaStore}.
 */
package org.conditionalfeed.admin;
