using Hangfire;
using Marketplace.Domain.Fairs;
using Marketplace.Infrastructure.Bookings;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Marketplace.Infrastructure.Jobs;

/// <summary>
/// Every five minutes: scheduled days of lottery series whose booking window has closed and
/// that are not drawn yet are drawn, each once — the draw claims its day by stamping the draw
/// time and seed with a conditional update.
/// </summary>
public sealed class DrawLotteries(MarketplaceDbContext db, LotteryDrawer drawer, TimeProvider clock,
    ILogger<DrawLotteries> logger)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.FairDays.AsNoTracking()
            .Where(d => d.LotteryDrawnAtUtc == null && d.Status == FairDayStatus.Scheduled
                && d.BookingClosesAtUtc <= now && d.FairSeries!.Allocation == AllocationMode.Lottery)
            .OrderBy(d => d.BookingClosesAtUtc)
            .Select(d => d.Id)
            .ToListAsync(cancellationToken);
        var drawn = 0;
        foreach (var dayId in due)
        {
            if (await drawer.DrawAsync(dayId, cancellationToken))
            {
                drawn++;
            }
        }
        if (drawn > 0)
        {
            logger.LogInformation("Drew {Count} lottery fair days", drawn);
        }
        return drawn;
    }
}
