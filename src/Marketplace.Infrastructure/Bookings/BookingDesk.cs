using Marketplace.Domain.Bookings;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Producers;
using Marketplace.Infrastructure.Audit;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Marketplace.Infrastructure.Bookings;

/// <summary>
/// Where bookings are made and change: booking, cancelling and waitlist offers; the lottery draw
/// and the reminder are <see cref="LotteryDrawer"/> and <see cref="BookingReminder"/>. Every
/// method commits its change (and the e-mails it causes) in one transaction and is safe under
/// concurrency; pages and jobs only call these.
/// </summary>
/// <remarks>
/// Concurrency rests on the database: the unique indexes (one holder per stall and day, one
/// offer per producer and day, unique waitlist positions) and the bookings' version token refuse
/// the loser of a race, and the step is tried again on fresh data — the next free stall, the
/// next waitlist position, or the answer that the chosen stall is taken.
/// </remarks>
public sealed class BookingDesk(MarketplaceDbContext db, BookingMail mail, BookingStore store, BookingQueue queue,
    AuditInterceptor audit, TimeProvider clock, ILogger<BookingDesk> logger)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// The fee for a stall (or the cheapest suitable one when null), waived where the producer is
    /// flagged. <see cref="FeeQuote.Amount"/> is the series' fee for the stall's kind even when it
    /// is waived; a waived fee is not paid.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The fair day, producer or stall does not exist.</exception>
    public async Task<FeeQuote> QuoteAsync(int fairDayId, int producerId, int? stallId, CancellationToken cancellationToken)
    {
        var day = await store.LoadDayAsync(fairDayId, cancellationToken)
            ?? throw new KeyNotFoundException($"No fair day {fairDayId}.");
        var producer = await db.Producers.AsNoTracking().SingleOrDefaultAsync(p => p.Id == producerId, cancellationToken)
            ?? throw new KeyNotFoundException($"No producer {producerId}.");
        var series = day.FairSeries!;
        var floor = await store.LoadFloorAsync(day, cancellationToken);
        BookingFee fee;
        if (stallId is { } id)
        {
            var stall = floor.AllStalls.FirstOrDefault(s => s.Id == id)
                ?? throw new KeyNotFoundException($"No stall {id} at the fair day's venue.");
            fee = BookingFee.For(series, stall.Kind, producer);
        }
        else
        {
            var candidates = floor.FreeStalls.Count > 0 ? floor.FreeStalls : floor.Stalls;
            fee = BookingFee.Cheapest(series, candidates.Select(s => s.Kind), producer);
        }
        return new FeeQuote(fee.Amount, series.OrganizerMunicipality!.CurrencyCode, fee.Waived);
    }

    /// <summary>
    /// Books one fair day under the series' rules (window, approval, quotas, one per producer).
    /// First come: confirmed on the chosen stall or the first free one by code, else waitlisted
    /// (any stall) or answered with the free stalls left (chosen stall). Lottery: requested.
    /// </summary>
    /// <remarks>
    /// On SQLite, a producer's own request waits in the fair day's <see cref="BookingQueue"/> and
    /// is booked with the others waiting there, in one transaction (see <see cref="BookGroupAsync"/>).
    /// Requests whose changes are audited (staff booking for a producer) are always booked alone,
    /// so that the audit names who made each. Once in line, a request is booked even if its
    /// caller stops waiting, as a request already at the database would be.
    /// </remarks>
    public async Task<BookingOutcome> BookAsync(BookingRequest request, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite() || audit.RecordsCurrentRequest)
        {
            return await BookAloneAsync(request, cancellationToken);
        }
        var place = queue.Join(request);
        if (await place.Turn is { } answer)
        {
            return answer;
        }
        if (!place.IsLeader)
        {
            return await BookAloneAsync(request, cancellationToken);
        }
        List<BookingQueue.Place> group = [place];
        BookingOutcome[]? outcomes = null;
        try
        {
            // The group is taken once the writer is ours, so that it holds everyone who came meanwhile.
            List<BookingQueue.Place>? taken = null;
            outcomes = await store.InTransactionAsync(() =>
            {
                group = taken ??= queue.Group(place);
                return BookGroupAsync([.. taken.Select(p => p.Request)], CancellationToken.None);
            }, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "A group of {Count} bookings on fair day {FairDay} failed; each is booked alone",
                group.Count, request.FairDayId);
        }
        finally
        {
            for (var i = 0; i < group.Count; i++)
            {
                if (outcomes is null)
                {
                    group[i].BookAlone();
                }
                else
                {
                    group[i].Answer(outcomes[i]);
                }
            }
            queue.Leave(place, group);
        }
        // The leader is first in its group (BookingQueue.Group).
        return outcomes?[0] ?? await BookAloneAsync(request, cancellationToken);
    }

    private async Task<BookingOutcome> BookAloneAsync(BookingRequest request, CancellationToken cancellationToken) =>
        (await store.InTransactionAsync(() => BookGroupAsync([request], cancellationToken), cancellationToken))[0];

    /// <summary>
    /// Books every fair day of a series whose booking window is open now and which is scheduled,
    /// for the producer (any suitable stall), each day in its own transaction; one outcome per
    /// day in date order, refusals (such as days already booked) included.
    /// </summary>
    public async Task<IReadOnlyList<BookingOutcome>> BookSeriesAsync(int seriesId, int producerId,
        CancellationToken cancellationToken)
    {
        var now = Now;
        var dayIds = await db.FairDays.AsNoTracking()
            .Where(d => d.FairSeriesId == seriesId && d.Status == FairDayStatus.Scheduled
                && d.BookingOpensAtUtc <= now && now < d.BookingClosesAtUtc)
            .OrderBy(d => d.StartsAtUtc)
            .Select(d => d.Id)
            .ToListAsync(cancellationToken);
        var outcomes = new List<BookingOutcome>(dayIds.Count);
        foreach (var dayId in dayIds)
        {
            outcomes.Add(await BookAsync(new BookingRequest(dayId, producerId, null), cancellationToken));
        }
        return outcomes;
    }

    /// <summary>
    /// Cancels the producer's own booking before the series' cancellation deadline; a stall it
    /// held is offered to the first waitlisted producer the quotas allow.
    /// </summary>
    public Task<CancelOutcome> CancelAsync(int bookingId, int producerId, CancellationToken cancellationToken) =>
        store.InTransactionAsync(async () =>
        {
            var now = Now;
            var booking = await db.Bookings.Include(b => b.Producer)
                .SingleOrDefaultAsync(b => b.Id == bookingId && b.ProducerId == producerId, cancellationToken);
            if (booking is null)
            {
                return CancelOutcome.NotFound;
            }
            if (booking.Status == BookingStatus.Cancelled)
            {
                return CancelOutcome.AlreadyCancelled;
            }
            var day = await store.LoadDayAsync(booking.FairDayId, cancellationToken);
            if (now >= Booking.CancellableUntil(day!, day!.FairSeries!))
            {
                return CancelOutcome.DeadlinePassed;
            }
            var freedStallId = booking.HoldsStall ? booking.StallId : null;
            booking.Cancel(now);
            await mail.CancelledAsync(booking.Producer!, day);
            // Saved before the offer, so the freed stall has no holder when the next one takes it.
            await db.SaveChangesAsync(cancellationToken);
            if (freedStallId is { } stallId)
            {
                await OfferFreedStallAsync(day, stallId, now, cancellationToken);
            }
            return CancelOutcome.Cancelled;
        }, cancellationToken);

    /// <summary>
    /// Cancels every booking of the producer on fair days still to come and offers each stall
    /// they held to the waitlist, inside the caller's transaction (an account being deleted: the
    /// producer is not written to). The caller retries the whole transaction on a conflict.
    /// </summary>
    public async Task WithdrawAsync(int producerId, CancellationToken cancellationToken)
    {
        var now = Now;
        var future = await db.Bookings
            .Where(b => b.ProducerId == producerId && b.Status != BookingStatus.Cancelled && b.FairDay!.StartsAtUtc > now)
            .ToListAsync(cancellationToken);
        var freed = future.Where(b => b.HoldsStall).Select(b => (b.FairDayId, StallId: b.StallId!.Value)).ToList();
        foreach (var booking in future)
        {
            booking.Cancel(now);
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (fairDayId, stallId) in freed)
        {
            var day = await store.LoadDayAsync(fairDayId, cancellationToken);
            await OfferFreedStallAsync(day!, stallId, now, cancellationToken);
        }
    }

    /// <summary>Accepts the producer's own open offer: the booking becomes confirmed.</summary>
    /// <returns>False when there is no such open offer (expired, declined, someone else's).</returns>
    public Task<bool> AcceptOfferAsync(int bookingId, int producerId, CancellationToken cancellationToken) =>
        store.InTransactionAsync(async () =>
        {
            var now = Now;
            var booking = await db.Bookings.Include(b => b.Producer).Include(b => b.Stall)
                .SingleOrDefaultAsync(b => b.Id == bookingId && b.ProducerId == producerId, cancellationToken);
            if (booking is null || !booking.IsOfferOpenAt(now))
            {
                return false;
            }
            booking.AcceptOffer(now);
            var day = await store.LoadDayAsync(booking.FairDayId, cancellationToken);
            await mail.ConfirmedAsync(booking.Producer!, day!, booking.Stall!.Code,
                new BookingFee(booking.FeeAmount, booking.IsFeeWaived));
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>Declines the producer's own open offer: the stall passes to the next on the waitlist.</summary>
    /// <returns>False when the producer has no such offer.</returns>
    public Task<bool> DeclineOfferAsync(int bookingId, int producerId, CancellationToken cancellationToken) =>
        store.InTransactionAsync(async () =>
        {
            var now = Now;
            var booking = await db.Bookings
                .SingleOrDefaultAsync(b => b.Id == bookingId && b.ProducerId == producerId, cancellationToken);
            if (booking is not { Status: BookingStatus.Offered, StallId: { } stallId })
            {
                return false;
            }
            booking.DeclineOffer(now);
            await db.SaveChangesAsync(cancellationToken);
            var day = await store.LoadDayAsync(booking.FairDayId, cancellationToken);
            await OfferFreedStallAsync(day!, stallId, now, cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Expires an offer whose time is up (due work of <c>ExpireWaitlistOffers</c>): the producer
    /// is told, and the stall is offered to the next on the waitlist.
    /// </summary>
    /// <returns>False when the offer was accepted, declined or expired meanwhile, or is still open.</returns>
    public Task<bool> ExpireOfferAsync(int bookingId, CancellationToken cancellationToken) =>
        store.InTransactionAsync(async () =>
        {
            var now = Now;
            var booking = await db.Bookings.Include(b => b.Producer)
                .SingleOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
            if (booking is not { Status: BookingStatus.Offered, StallId: { } stallId } || booking.IsOfferOpenAt(now))
            {
                return false;
            }
            var stallCode = await db.Stalls.Where(s => s.Id == stallId).Select(s => s.Code).SingleAsync(cancellationToken);
            var day = await store.LoadDayAsync(booking.FairDayId, cancellationToken);
            booking.ExpireOffer(now);
            await mail.OfferExpiredAsync(booking.Producer!, day!, stallCode);
            await db.SaveChangesAsync(cancellationToken);
            await OfferFreedStallAsync(day!, stallId, now, cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Decides and adds the bookings of a group of requests for one fair day, in their order, on
    /// one read of the day, its floor and the producers: each decision sees the stalls, waitlist
    /// places and producer slots the ones before it took. Saves them; the caller commits.
    /// </summary>
    private async Task<BookingOutcome[]> BookGroupAsync(IReadOnlyList<BookingRequest> requests,
        CancellationToken cancellationToken)
    {
        var now = Now;
        var outcomes = new BookingOutcome[requests.Count];
        var dayId = requests[0].FairDayId;
        var day = await store.LoadDayAsync(dayId, cancellationToken);
        if (day is null)
        {
            Array.Fill(outcomes, Refused(dayId, BookingRefusal.UnknownFairDay));
            return outcomes;
        }
        var series = day.FairSeries!;
        var producerIds = requests.Select(r => r.ProducerId).Distinct().ToList();
        var producers = await db.Producers.AsNoTracking()
            .Where(p => producerIds.Contains(p.Id) && p.DeletedAtUtc == null)
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        var approved = series.RequiresApproval
            ? (await db.SeriesMemberships
                .Where(m => m.FairSeriesId == series.Id && producerIds.Contains(m.ProducerId)
                    && m.Status == SeriesMembershipStatus.Approved)
                .Select(m => m.ProducerId)
                .ToListAsync(cancellationToken)).ToHashSet()
            : null;
        var slotsInUse = (await db.Bookings
                .Where(b => b.FairDayId == day.Id && producerIds.Contains(b.ProducerId) && b.Status != BookingStatus.Cancelled)
                .Select(b => new { b.ProducerId, b.ProducerSlot })
                .ToListAsync(cancellationToken))
            .GroupBy(b => b.ProducerId)
            .ToDictionary(g => g.Key, g => g.Select(b => b.ProducerSlot).ToList());
        var floor = await store.LoadFloorAsync(day, cancellationToken);
        if (producers.Count > 1)
        {
            await mail.PrepareAsync(producers.Values, cancellationToken);
        }
        int? highestPosition = null;
        var positionLoaded = false;
        var made = new List<(int Index, Booking Booking)>();

        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            if (!producers.TryGetValue(request.ProducerId, out var producer))
            {
                outcomes[i] = Refused(day.Id, BookingRefusal.UnknownProducer);
                continue;
            }
            if (!slotsInUse.TryGetValue(producer.Id, out var slots))
            {
                slotsInUse[producer.Id] = slots = [];
            }
            var decision = StallAllocation.Decide(new StallRequest(day, series, producer,
                approved?.Contains(producer.Id) ?? true, slots.Count, request.StallId, now), floor);
            var slot = Booking.FirstFreeProducerSlot(slots, series.MaxStallsPerProducer);
            if (slot is null && decision.Kind is not (AllocationKind.Refuse or AllocationKind.StallTaken))
            {
                outcomes[i] = Refused(day.Id, BookingRefusal.AlreadyBooked);
                continue;
            }

            Booking booking;
            switch (decision.Kind)
            {
                case AllocationKind.Refuse:
                    outcomes[i] = Refused(day.Id, ToContract(decision.Refusal!.Value));
                    continue;
                case AllocationKind.StallTaken:
                    outcomes[i] = new BookingOutcome(BookingOutcomeKind.StallTaken, day.Id, FreeStallCodes: decision.FreeStallCodes);
                    continue;
                case AllocationKind.Request:
                    booking = Booking.Request(day.Id, producer.Id, decision.Fee, now);
                    outcomes[i] = new BookingOutcome(BookingOutcomeKind.Requested, day.Id,
                        Fee: decision.Fee.Amount, FeeWaived: decision.Fee.Waived);
                    break;
                case AllocationKind.Take:
                {
                    var stall = decision.Stall!;
                    booking = Booking.Confirm(day.Id, producer.Id, stall.Id, decision.Fee, now);
                    floor = floor.With(new StallHolding(stall.Id, QuotaEligibility.Of(producer, series)));
                    await mail.ConfirmedAsync(producer, day, stall.Code, decision.Fee);
                    outcomes[i] = new BookingOutcome(BookingOutcomeKind.Confirmed, day.Id, StallCode: stall.Code,
                        Fee: decision.Fee.Amount, FeeWaived: decision.Fee.Waived);
                    break;
                }
                default:
                {
                    if (!positionLoaded)
                    {
                        highestPosition = await store.HighestPositionAsync(day.Id, cancellationToken);
                        positionLoaded = true;
                    }
                    var position = Waitlist.NextPosition(highestPosition);
                    highestPosition = position;
                    booking = Booking.Waitlist(day.Id, producer.Id, position, now);
                    await mail.WaitlistedAsync(producer, day, position);
                    outcomes[i] = new BookingOutcome(BookingOutcomeKind.Waitlisted, day.Id, WaitlistPosition: position);
                    break;
                }
            }
            booking.TakeProducerSlot(slot!.Value);
            slots.Add(slot);
            db.Bookings.Add(booking);
            made.Add((i, booking));
        }
        if (made.Count > 0)
        {
            await store.SaveAddedAsync(cancellationToken);
            foreach (var (index, booking) in made)
            {
                outcomes[index] = outcomes[index] with { BookingId = booking.Id };
            }
        }
        return outcomes;
    }

    /// <summary>
    /// Offers a just-freed stall to the first waitlisted producer the quotas allow (none when the
    /// day has started or the stall is not free), with the series' hold time capped at the start.
    /// </summary>
    private async Task OfferFreedStallAsync(FairDay day, int stallId, DateTime now, CancellationToken cancellationToken)
    {
        var series = day.FairSeries!;
        if (Waitlist.OfferExpiry(day, series, now) is not { } expiresAtUtc)
        {
            return;
        }
        var floor = await store.LoadFloorAsync(day, cancellationToken);
        var stall = floor.FreeStalls.FirstOrDefault(s => s.Id == stallId);
        if (stall is null)
        {
            return;
        }
        // A producer with more than one booking on the day never holds two offers at once.
        var waiting = await db.Bookings.Include(b => b.Producer)
            .Where(b => b.FairDayId == day.Id && b.Status == BookingStatus.Waitlisted && b.WaitlistPosition != null
                && !db.Bookings.Any(o => o.FairDayId == b.FairDayId && o.ProducerId == b.ProducerId
                    && o.Status == BookingStatus.Offered))
            .ToListAsync(cancellationToken);
        var next = Waitlist.NextInLine(
            waiting.Select(b => new WaitlistEntry(b.Id, b.WaitlistPosition!.Value, QuotaEligibility.Of(b.Producer!, series))),
            StallQuotas.For(series, floor.Stalls.Count), floor);
        if (next is null)
        {
            return;
        }
        var booking = waiting.Single(b => b.Id == next.BookingId);
        booking.Offer(stall.Id, BookingFee.For(series, stall.Kind, booking.Producer!), expiresAtUtc, now);
        await mail.OfferedAsync(booking.Producer!, day, stall.Code, expiresAtUtc);
        await db.SaveChangesAsync(cancellationToken);
    }


    private static BookingOutcome Refused(int fairDayId, BookingRefusal refusal) =>
        new(BookingOutcomeKind.Refused, fairDayId, Refusal: refusal);

    private static BookingRefusal ToContract(RefusalReason reason) => reason switch
    {
        RefusalReason.DayNotBookable => BookingRefusal.DayNotBookable,
        RefusalReason.WindowNotOpen => BookingRefusal.WindowNotOpen,
        RefusalReason.WindowClosed => BookingRefusal.WindowClosed,
        RefusalReason.NotApproved => BookingRefusal.NotApproved,
        RefusalReason.AlreadyBooked => BookingRefusal.AlreadyBooked,
        RefusalReason.UnknownStall => BookingRefusal.UnknownStall,
        RefusalReason.StallReserved => BookingRefusal.StallReserved,
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
