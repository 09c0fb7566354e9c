namespace Marketplace.Domain.Audit;

public enum AuditAction
{
    Added,
    Modified,
    Deleted,
}

/// <summary>
/// One staff or administrator change to an audited entity (series, fair days, venues, stalls,
/// bookings, certifications): who, when, which row, and what changed.
/// </summary>
public class AuditEntry
{
    public const int MaxChangesLength = 4000;

    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public required string UserId { get; set; }
    /// <summary>The user's name (e-mail) at the time, kept so the row reads alone.</summary>
    public required string UserName { get; set; }
    /// <summary>The entity's type name: FairDay, Booking, …</summary>
    public required string EntityType { get; set; }
    /// <summary>The entity's key as text (composite keys joined with "/").</summary>
    public required string EntityId { get; set; }
    public AuditAction Action { get; set; }
    /// <summary>What changed, one "Property: old → new" per line.</summary>
    public required string Changes { get; set; }
}

/// <summary>One property of an audited change: its value before and after (null when absent).</summary>
public sealed record AuditedValue(string Property, object? Before, object? After);

/// <summary>Writes what changed as short lines, cut to what an audit row holds.</summary>
public static class AuditChanges
{
    public static string Describe(AuditAction action, IEnumerable<AuditedValue> values)
    {
        var lines = values
            .Where(v => action != AuditAction.Modified || !Equals(v.Before, v.After))
            .Select(v => action switch
            {
                AuditAction.Added => $"{v.Property}: {Show(v.After)}",
                AuditAction.Deleted => $"{v.Property}: {Show(v.Before)}",
                _ => $"{v.Property}: {Show(v.Before)} → {Show(v.After)}",
            });
        var text = string.Join("\n", lines);
        return text.Length <= AuditEntry.MaxChangesLength ? text : text[..(AuditEntry.MaxChangesLength - 1)] + "…";
    }

    private static string Show(object? value) => value switch
    {
        null => "∅",
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
