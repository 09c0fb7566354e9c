using Marketplace.Domain.Fairs;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.ProducerArea.Bookings;

/// <summary>Reads a fair day with what the booking pages print about it: series, venue, municipality.</summary>
public static class FairDayHeader
{
    public static Task<FairDay?> FindAsync(MarketplaceDbContext db, int fairDayId, CancellationToken cancellationToken) =>
        db.FairDays.AsNoTracking()
            .Include(d => d.FairSeries)
            .Include(d => d.Venue).ThenInclude(v => v!.Municipality)
            .SingleOrDefaultAsync(d => d.Id == fairDayId, cancellationToken);
}
