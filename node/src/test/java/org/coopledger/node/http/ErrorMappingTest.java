package org.coopledger.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import org.coopledger.api.error.ApiError;
import org.coopledger.governance.engine.Rejection;
import org.coopledger.governance.engine.RejectionCode;
import org.coopledger.governance.error.ErrorCategory;
import org.coopledger.governance.error.ErrorCode;
import org.coopledger.node.store.StoreException;
import org.junit.jupiter.api.Test;

class ErrorMappingTest {
  @Test
  void eachCategoryHasItsOwnStatus() {
    Map<ErrorCategory, Integer> statuses = new EnumMap<>(ErrorCategory.class);
    for (ErrorCategory category : ErrorCategory.values()) {
      statuses.put(category, ErrorMapping.status(category));
    }
    assertThat(statuses)
        .containsEntry(ErrorCategory.CLIENT_MISTAKE, 400)
        .containsEntry(ErrorCategory.NOT_FOUND, 404)
        .containsEntry(ErrorCategory.CONFLICT, 409)
        .containsEntry(ErrorCategory.TOO_LARGE, 413)
        .containsEntry(ErrorCategory.UNSUPPORTED_MEDIA_TYPE, 415)
        .containsEntry(ErrorCategory.RULES_NOT_MET, 422)
        .containsEntry(ErrorCategory.NODE_FAULT, 503);
    assertThat(statuses.values()).doesNotHaveDuplicates();
  }

  @Test
  void aCodesStatusFollowsItsCategoryNotItsSpelling() {
    // Spelled like a client mistake, but a rule: the category decides.
    assertThat(ErrorMapping.statusOf(new Rejection(RejectionCode.BAD_CLAUSE, "x"))).isEqualTo(422);
    assertThat(ErrorMapping.statusOf(new Rejection(RejectionCode.REPLAYED_NONCE, "x")))
        .isEqualTo(409);
    // Spelled like a missing resource, but the node's store failed.
    assertThat(ErrorMapping.statusOf(new StoreException("RECORD_NOT_FOUND", "x"))).isEqualTo(503);
    assertThat(ErrorMapping.statusOf(new ApiException(ApiError.NOT_FOUNDED, "x"))).isEqualTo(404);
    assertThat(ErrorMapping.statusOf(new ApiException(ApiError.TOO_MANY_ENTRIES, "x")))
        .isEqualTo(413);
  }

  @Test
  void theStatusesOfTheApisCodesAreTheDocumentedOnes() {
    for (ErrorCode code : ApiError.values()) {
      int status = ErrorMapping.status(code.category());
      assertThat(status).as(code.name()).isBetween(400, 415);
    }
    for (RejectionCode code : RejectionCode.values()) {
      assertThat(ErrorMapping.status(code.category()))
          .as(code.name())
          .isEqualTo(code == RejectionCode.REPLAYED_NONCE ? 409 : 422);
    }
  }
}
