using Marketplace.Domain.Fairs;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.ProducerArea.Series;

/// <summary>The fair series a producer may apply to: the active ones of its own region whose season has not ended.</summary>
public static class OpenSeries
{
    /// <summary>Active series organized in the region whose season has not ended (a day's margin for time zones).</summary>
    public static IQueryable<FairSeries> OfRegion(MarketplaceDbContext db, int regionId, DateTime utcNow)
    {
        var yesterday = DateOnly.FromDateTime(utcNow).AddDays(-1);
        return db.FairSeries.AsNoTracking().Where(s => s.IsActive && s.OrganizerMunicipality!.RegionId == regionId
            && (s.EndsOn == null || s.EndsOn >= yesterday));
    }
}
