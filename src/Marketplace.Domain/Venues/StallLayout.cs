using System.Globalization;

namespace Marketplace.Domain.Venues;

/// <summary>Whether a stall may leave the layout for good.</summary>
public enum StallRemoval
{
    Deletable,
    /// <summary>Producers hold or wait for it on coming fair days: it can only be retired.</summary>
    HasComingBookings,
    /// <summary>Past bookings refer to it: retiring keeps that history.</summary>
    HasHistory,
}

/// <summary>Rules of a venue's layout: numbering stalls in bulk, and when a stall may be deleted.</summary>
public static class StallLayout
{
    /// <summary>The most stalls one bulk addition creates.</summary>
    public const int MaxBulk = 200;
    public const int MaxCodeLength = 20;

    /// <summary>
    /// Codes <paramref name="prefix"/> + number for every number from <paramref name="first"/> to
    /// <paramref name="last"/>, zero-padded to the width of the largest (at least two digits):
    /// ("A-", 1, 20) gives A-01 … A-20.
    /// </summary>
    public static IReadOnlyList<string> Codes(string prefix, int first, int last)
    {
        if (first < 0 || last < first)
        {
            throw new ArgumentOutOfRangeException(nameof(last), "The range must run upwards from zero or more.");
        }
        if (last - first + 1 > MaxBulk)
        {
            throw new ArgumentOutOfRangeException(nameof(last), $"At most {MaxBulk} stalls at once.");
        }
        var width = Math.Max(2, last.ToString(CultureInfo.InvariantCulture).Length);
        var codes = Enumerable.Range(first, last - first + 1)
            .Select(n => prefix + n.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0'))
            .ToList();
        if (codes[^1].Length > MaxCodeLength)
        {
            throw new ArgumentException($"A stall code has at most {MaxCodeLength} characters.", nameof(prefix));
        }
        return codes;
    }

    /// <summary>The codes that already exist in the venue (compared as painted, ignoring case).</summary>
    public static IReadOnlyList<string> Clashes(IEnumerable<string> newCodes, IEnumerable<string> existingCodes)
    {
        var existing = existingCodes.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return newCodes.Where(existing.Contains).ToList();
    }

    public static StallRemoval RemovalOf(int comingActiveBookings, int otherBookings) =>
        comingActiveBookings > 0 ? StallRemoval.HasComingBookings
        : otherBookings > 0 ? StallRemoval.HasHistory
        : StallRemoval.Deletable;
}
