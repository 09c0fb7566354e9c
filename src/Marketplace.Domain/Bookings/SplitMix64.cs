namespace Marketplace.Domain.Bookings;

/// <summary>
/// Steele, Lea and Flood's SplitMix64 generator (as in Java's SplittableRandom and Vigna's
/// reference C code). <see cref="System.Random"/> with a seed is not promised to give the same
/// sequence across .NET versions; this one is fixed here, so a stored lottery seed redraws the
/// same result forever.
/// </summary>
public sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    /// <summary>A generator from a stored 32-bit seed (sign-extended, so every int maps to one state).</summary>
    public static SplitMix64 FromSeed(int seed) => new(unchecked((ulong)(long)seed));

    public ulong NextUInt64()
    {
        unchecked
        {
            _state += 0x9E3779B97F4A7C15UL;
            var z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>), without modulo bias (rejection sampling).</summary>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        var range = (ulong)bound;
        // The largest multiple of the range that fits: values at or above it would favour small results.
        var limit = ulong.MaxValue - ulong.MaxValue % range;
        ulong value;
        do
        {
            value = NextUInt64();
        }
        while (value >= limit);
        return (int)(value % range);
    }

    /// <summary>Fisher–Yates shuffle of a copy of <paramref name="items"/>.</summary>
    public List<T> Shuffle<T>(IEnumerable<T> items)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }
}
