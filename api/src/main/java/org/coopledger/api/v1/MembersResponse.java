package org.coopledger.api.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import org.coopledger.governance.view.MemberView;

/**
 * {@code GET /v1/members}: every member ever admitted (removed ones with active false), by member
 * id.
 *
 * @param treeSize the number of records the state reflects
 * @param members the read models
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MembersResponse(long treeSize, List<MemberView> members) {
  public MembersResponse {
    members = List.copyOf(members);
  }
}
