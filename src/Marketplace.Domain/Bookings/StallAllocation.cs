using Marketplace.Domain.Fairs;
using Marketplace.Domain.Producers;
using Marketplace.Domain.Venues;

namespace Marketplace.Domain.Bookings;

/// <summary>Why the rules refuse a booking.</summary>
public enum RefusalReason
{
    /// <summary>The fair day is skipped or cancelled.</summary>
    DayNotBookable,
    WindowNotOpen,
    WindowClosed,
    /// <summary>The series requires approval and the producer's membership is not approved.</summary>
    NotApproved,
    /// <summary>The producer already has as many bookings on the day as the series allows.</summary>
    AlreadyBooked,
    /// <summary>The chosen stall is not in service at the day's venue.</summary>
    UnknownStall,
    /// <summary>The chosen stall is free but must stay free for a quota the producer is not eligible for.</summary>
    StallReserved,
}

public enum AllocationKind
{
    /// <summary>First come: the producer takes <see cref="AllocationDecision.Stall"/> now.</summary>
    Take,
    /// <summary>Lottery: the request waits for the draw.</summary>
    Request,
    /// <summary>No stall the producer may take is free: the producer joins the waitlist.</summary>
    Waitlist,
    /// <summary>The chosen stall is held; <see cref="AllocationDecision.FreeStallCodes"/> lists the alternatives.</summary>
    StallTaken,
    Refuse,
}

/// <summary>What the rules decide for one booking request.</summary>
public sealed record AllocationDecision(
    AllocationKind Kind,
    Stall? Stall = null,
    BookingFee Fee = default,
    RefusalReason? Refusal = null,
    IReadOnlyList<string>? FreeStallCodes = null)
{
    public static AllocationDecision Refused(RefusalReason reason) => new(AllocationKind.Refuse, Refusal: reason);
}

/// <summary>A producer's request for a stall on a fair day, with what the rules need to know.</summary>
/// <param name="Day">The fair day.</param>
/// <param name="Series">The day's series, with its fees.</param>
/// <param name="Producer">Who asks.</param>
/// <param name="IsApproved">The producer's membership of the series is approved.</param>
/// <param name="ActiveBookings">The producer's bookings on the day that are not cancelled.</param>
/// <param name="StallId">The chosen stall, or null for any suitable stall.</param>
/// <param name="UtcNow">When the request is made.</param>
public sealed record StallRequest(
    FairDay Day,
    FairSeries Series,
    Producer Producer,
    bool IsApproved,
    int ActiveBookings,
    int? StallId,
    DateTime UtcNow);

/// <summary>
/// The booking rules: day status, booking window, approval, bookings per producer, quotas and
/// fees. First-come series confirm on a free stall (the chosen one, or the first free by code
/// the quotas allow) and put the producer on the waitlist when none is left; lottery series
/// collect requests for the draw.
/// </summary>
public static class StallAllocation
{
    public static AllocationDecision Decide(StallRequest request, FairFloor floor)
    {
        var (day, series, producer) = (request.Day, request.Series, request.Producer);
        if (day.Status != FairDayStatus.Scheduled)
        {
            return AllocationDecision.Refused(RefusalReason.DayNotBookable);
        }
        if (request.UtcNow < day.BookingOpensAtUtc)
        {
            return AllocationDecision.Refused(RefusalReason.WindowNotOpen);
        }
        if (request.UtcNow >= day.BookingClosesAtUtc)
        {
            return AllocationDecision.Refused(RefusalReason.WindowClosed);
        }
        if (series.RequiresApproval && !request.IsApproved)
        {
            return AllocationDecision.Refused(RefusalReason.NotApproved);
        }
        if (request.ActiveBookings >= Math.Max(1, series.MaxStallsPerProducer))
        {
            return AllocationDecision.Refused(RefusalReason.AlreadyBooked);
        }
        Stall? chosen = null;
        if (request.StallId is { } stallId)
        {
            chosen = floor.Stalls.FirstOrDefault(s => s.Id == stallId);
            if (chosen is null)
            {
                return AllocationDecision.Refused(RefusalReason.UnknownStall);
            }
        }

        if (series.Allocation == AllocationMode.Lottery)
        {
            var fee = chosen is null
                ? BookingFee.Cheapest(series, floor.Stalls.Select(s => s.Kind), producer)
                : BookingFee.For(series, chosen.Kind, producer);
            return new AllocationDecision(AllocationKind.Request, Fee: fee);
        }

        var quotas = StallQuotas.For(series, floor.Stalls.Count);
        var eligibility = QuotaEligibility.Of(producer, series);
        var allowed = quotas.Allow(eligibility, floor.FreeStalls.Count, floor.Holders);
        if (chosen is not null)
        {
            if (floor.IsHeld(chosen.Id))
            {
                var alternatives = allowed ? floor.FreeStalls.Select(s => s.Code).ToList() : [];
                return new AllocationDecision(AllocationKind.StallTaken, FreeStallCodes: alternatives);
            }
            return allowed
                ? new AllocationDecision(AllocationKind.Take, chosen, BookingFee.For(series, chosen.Kind, producer))
                : AllocationDecision.Refused(RefusalReason.StallReserved);
        }
        if (!allowed)
        {
            return new AllocationDecision(AllocationKind.Waitlist);
        }
        var first = floor.FreeStalls[0];
        return new AllocationDecision(AllocationKind.Take, first, BookingFee.For(series, first.Kind, producer));
    }
}
