package org.coopledger.api.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Every error: a stable code (an {@code ApiError}, a {@code RejectionCode}, ...) and a message that
 * says what to do.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ErrorResponse(String error, String message) {}
