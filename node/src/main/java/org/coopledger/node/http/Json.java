package org.coopledger.node.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import org.coopledger.api.error.ApiError;

/**
 * Reading JSON request bodies. Responses are written by Helidon's Jackson media support
 * (helidon-http-media-jackson, found on the class path and ranked after the plain-text and byte
 * writers, so text bodies stay text). Requests are read here, after {@link RequestBodies} has read
 * them within their size limit, with a stricter mapper than Helidon's, so that each way a body can
 * be wrong is a 400 with its own code.
 */
final class Json {
  static final ObjectMapper MAPPER = mapper();

  private Json() {}

  private static ObjectMapper mapper() {
    ObjectMapper mapper =
        new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    // A number or boolean where the API wants a string is a client mistake, not a string.
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return mapper;
  }

  /**
   * Reads a JSON body into {@code type}, turning every way it can be wrong into a 400 that says
   * which.
   */
  static <T> T read(byte[] body, Class<T> type) {
    try {
      T value = MAPPER.readValue(body, type);
      if (value == null) {
        throw new ApiException(ApiError.BAD_JSON, "the body is JSON null; expected an object");
      }
      return value;
    } catch (UnrecognizedPropertyException e) {
      throw new ApiException(
          ApiError.UNKNOWN_FIELD,
          "unknown field '" + e.getPropertyName() + "'; known fields: " + e.getKnownPropertyIds());
    } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
      throw new ApiException(ApiError.BAD_JSON, "wrong JSON shape: " + e.getOriginalMessage());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ApiException(ApiError.BAD_JSON, "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ApiException(ApiError.BAD_JSON, "unreadable body: " + e.getMessage());
    }
  }
}
