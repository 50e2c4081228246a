package org.coopledger.governance.action;

import java.util.regex.Pattern;

/**
 * Revenue that came in, in integer minor units of {@code currency}. {@code source} is {@code
 * subscription}, {@code sponsorship} or {@code workshop}, each optionally followed by {@code
 * :<detail>} (e.g. {@code subscription:gold}), or {@code drop:<name>}. The co-op's routing rules
 * pick the split it is divided over from the source (docs/money.md).
 *
 * <p>{@code units} counts a defined drop's units sold, or a membership tier's subscriber-months;
 * {@code region} ("" if none) is the region of a tier's price list that subscription revenue was
 * paid in (docs/money.md#tiers).
 */
public record RecordRevenue(
    long amountMinor, String currency, String source, String reference, long units, String region)
    implements Action {
  private static final Pattern SOURCE =
      Pattern.compile(
          "(subscription|sponsorship|workshop)(:[^\\p{Cntrl}]{1,64})?|drop:[^\\p{Cntrl}]{1,64}");

  private static final String SUBSCRIPTION = "subscription:";

  public RecordRevenue {
    Fields.positiveAmount(amountMinor, "revenue amount");
    Fields.currency(currency);
    if (!isSource(source)) {
      throw new InvalidActionException(
          "revenue source '"
              + source
              + "' must be subscription, sponsorship or workshop (each optionally :<detail>) or"
              + " drop:<name>");
    }
    reference = Fields.text(reference, "revenue reference", Fields.MAX_NAME);
    if (units < 0) {
      throw new InvalidActionException("units sold must not be negative, got " + units);
    }
    region = region == null ? "" : region;
    if (!region.isEmpty()) {
      RegionPrice.region(region, "revenue region");
    }
  }

  /** Revenue in no tier's region (anything but a membership tier's subscriptions). */
  public RecordRevenue(
      long amountMinor, String currency, String source, String reference, long units) {
    this(amountMinor, currency, source, reference, units, "");
  }

  /** Revenue that counts no units (anything but a defined drop's sales). */
  public RecordRevenue(long amountMinor, String currency, String source, String reference) {
    this(amountMinor, currency, source, reference, 0, "");
  }

  /** Whether {@code source} is a revenue source as {@link RecordRevenue} accepts it. */
  public static boolean isSource(String source) {
    if (source == null || !SOURCE.matcher(source).matches()) {
      return false;
    }
    int colon = source.indexOf(':');
    return colon < 0 || !source.substring(colon + 1).isBlank();
  }

  /** The tier whose subscriptions {@code source} is ({@code subscription:<tier>}), else "". */
  public static String tierOf(String source) {
    return source.startsWith(SUBSCRIPTION) ? source.substring(SUBSCRIPTION.length()) : "";
  }

  /** The kind of a source: the part before its first ':' ({@code drop}, {@code subscription}). */
  public static String kindOf(String source) {
    int colon = source.indexOf(':');
    return colon < 0 ? source : source.substring(0, colon);
  }

  @Override
  public String kind() {
    return "revenue";
  }
}
