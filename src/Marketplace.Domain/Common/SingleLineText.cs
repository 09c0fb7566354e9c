namespace Marketplace.Domain.Common;

/// <summary>
/// What a name (of a producer, a person, a venue, a series, a place) may not contain: control
/// characters — line breaks, tabs, NUL, escape codes — and the invisible marks that reorder text
/// (bidirectional overrides and isolates), which make a name print as something else in lists,
/// e-mails, calendar feeds and CSV files.
/// </summary>
public static class SingleLineText
{
    public static bool HasForbiddenCharacters(string? value) =>
        value is not null && value.Any(c => char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069');
}
