using System.Security.Cryptography;
using Marketplace.Domain.Bookings;
using Marketplace.Domain.Fairs;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Marketplace.Infrastructure.Bookings;

/// <summary>The lottery draw of a fair day, run by <c>DrawLotteries</c>.</summary>
public sealed class LotteryDrawer(MarketplaceDbContext db, BookingMail mail, BookingStore store, TimeProvider clock,
    ILogger<LotteryDrawer> logger)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Draws a lottery day whose window has closed (due work of <c>DrawLotteries</c>): claims the
    /// day by stamping its draw time and seed (an existing seed is kept), so the draw happens
    /// once whoever runs it; winners are confirmed on stalls, the others waitlisted in draw
    /// order, and each is told.
    /// </summary>
    /// <returns>False when the day is not due or another run drew it.</returns>
    public Task<bool> DrawAsync(int fairDayId, CancellationToken cancellationToken) =>
        store.InTransactionAsync(async () =>
        {
            var now = Now;
            var day = await store.LoadDayAsync(fairDayId, cancellationToken);
            if (day is null || day.FairSeries!.Allocation != AllocationMode.Lottery || day.LotteryDrawnAtUtc is not null
                || day.Status != FairDayStatus.Scheduled || now < day.BookingClosesAtUtc)
            {
                return false;
            }
            var seed = day.LotterySeed ?? RandomNumberGenerator.GetInt32(int.MaxValue);
            var version = Guid.NewGuid();
            var claimed = await db.FairDays
                .Where(d => d.Id == fairDayId && d.LotteryDrawnAtUtc == null)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.LotteryDrawnAtUtc, now)
                    .SetProperty(d => d.LotterySeed, seed)
                    .SetProperty(d => d.Version, version), cancellationToken);
            if (claimed == 0)
            {
                return false;
            }

            var series = day.FairSeries;
            var requests = await db.Bookings.Include(b => b.Producer)
                .Where(b => b.FairDayId == day.Id && b.Status == BookingStatus.Requested)
                .ToListAsync(cancellationToken);
            var floor = await store.LoadFloorAsync(day, cancellationToken);
            var firstPosition = Waitlist.NextPosition(await store.HighestPositionAsync(day.Id, cancellationToken));
            var result = LotteryDraw.Draw(seed,
                requests.Select(b => new LotteryEntry(b.Id, QuotaEligibility.Of(b.Producer!, series))),
                floor, StallQuotas.For(series, floor.Stalls.Count), firstPosition);

            var requestsById = requests.ToDictionary(b => b.Id);
            var stalls = floor.Stalls.ToDictionary(s => s.Id);
            foreach (var win in result.Winners)
            {
                var booking = requestsById[win.BookingId];
                var stall = stalls[win.StallId];
                var fee = BookingFee.For(series, stall.Kind, booking.Producer!);
                booking.WinDraw(stall.Id, fee, now);
                await mail.ConfirmedAsync(booking.Producer!, day, stall.Code, fee);
            }
            foreach (var place in result.Waitlist)
            {
                var booking = requestsById[place.BookingId];
                booking.LoseDraw(place.Position, now);
                await mail.WaitlistedAsync(booking.Producer!, day, place.Position);
            }
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Drew fair day {FairDay} with seed {Seed}: {Winners} confirmed, {Waitlisted} waitlisted",
                day.Id, seed, result.Winners.Count, result.Waitlist.Count);
            return true;
        }, cancellationToken);
}
