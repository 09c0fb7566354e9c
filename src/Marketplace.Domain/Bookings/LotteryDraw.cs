namespace Marketplace.Domain.Bookings;

/// <summary>A lottery request as the draw sees it.</summary>
public sealed record LotteryEntry(int BookingId, QuotaEligibility Eligibility);

/// <summary>A drawn request and the stall it gets.</summary>
public readonly record struct LotteryWin(int BookingId, int StallId);

/// <summary>A request drawn after the stalls ran out, and its waitlist position.</summary>
public readonly record struct LotteryPlace(int BookingId, int Position);

/// <summary>The outcome of a draw.</summary>
/// <param name="DrawOrder">Every request's booking id in the order drawn.</param>
/// <param name="Winners">Requests that get a stall, in draw order.</param>
/// <param name="Waitlist">The others, in draw order, with their positions.</param>
public sealed record LotteryResult(
    IReadOnlyList<int> DrawOrder,
    IReadOnlyList<LotteryWin> Winners,
    IReadOnlyList<LotteryPlace> Waitlist);

/// <summary>
/// Draws a lottery day's requests, reproducibly from a seed. The requests are put in booking-id
/// order and shuffled with <see cref="SplitMix64"/>: the draw order. Quotas go first: women's
/// organizations in draw order fill the unused women's reserved stalls, then local producers the
/// unused local ones; the remaining free stalls go to the rest in draw order (the window is
/// closed, so a reserved stall nobody eligible asked for is not kept empty). Winners get the
/// free stalls in code order, by draw order; the others join the waitlist in draw order.
/// </summary>
public static class LotteryDraw
{
    public static LotteryResult Draw(int seed, IEnumerable<LotteryEntry> entries, FairFloor floor, StallQuotas quotas,
        int firstPosition)
    {
        var order = SplitMix64.FromSeed(seed).Shuffle(entries.OrderBy(e => e.BookingId));
        var stalls = floor.FreeStalls;
        var womenOpen = quotas.WomenOpen(floor.Holders);
        var localOpen = quotas.LocalOpen(floor.Holders);
        var won = new HashSet<int>();

        foreach (var entry in order)
        {
            if (won.Count == stalls.Count || womenOpen == 0)
            {
                break;
            }
            if (entry.Eligibility.WomensOrganization)
            {
                won.Add(entry.BookingId);
                womenOpen--;
                if (entry.Eligibility.Local && localOpen > 0)
                {
                    localOpen--;
                }
            }
        }
        foreach (var entry in order)
        {
            if (won.Count == stalls.Count || localOpen == 0)
            {
                break;
            }
            if (entry.Eligibility.Local && won.Add(entry.BookingId))
            {
                localOpen--;
            }
        }
        foreach (var entry in order)
        {
            if (won.Count == stalls.Count)
            {
                break;
            }
            won.Add(entry.BookingId);
        }

        var winners = order.Where(e => won.Contains(e.BookingId))
            .Select((e, i) => new LotteryWin(e.BookingId, stalls[i].Id))
            .ToList();
        var waitlist = order.Where(e => !won.Contains(e.BookingId))
            .Select((e, i) => new LotteryPlace(e.BookingId, firstPosition + i))
            .ToList();
        return new LotteryResult(order.Select(e => e.BookingId).ToList(), winners, waitlist);
    }
}
