using Marketplace.Domain.Producers;
using Marketplace.Infrastructure.Caching;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Marketplace.Web.Pages.Fairs;

/// <summary>
/// Reference lists the fair day search needs on every request (the filter form's choices, the
/// names of product categories). They change with reference data only, so each node keeps them
/// for a minute (<see cref="KeptForAMinute"/>), the same staleness the public output cache already accepts.
/// </summary>
public static class FilterLists
{
    public static Task<IReadOnlyList<(int Id, string Name)>> MunicipalitiesAsync(
        IMemoryCache cache, MarketplaceDbContext db, CancellationToken cancellationToken) =>
        cache.KeptAsync("fairs:municipalities", async () =>
            (IReadOnlyList<(int Id, string Name)>)(await db.Municipalities.AsNoTracking().OrderBy(m => m.Name)
                .Select(m => new { m.Id, m.Name }).ToListAsync(cancellationToken))
                .Select(m => (m.Id, m.Name)).ToList());

    public static Task<IReadOnlyList<(int Id, string Name)>> CorridorsAsync(
        IMemoryCache cache, MarketplaceDbContext db, CancellationToken cancellationToken) =>
        cache.KeptAsync("fairs:corridors", async () =>
            (IReadOnlyList<(int Id, string Name)>)(await db.Corridors.AsNoTracking().OrderBy(c => c.Name)
                .Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken))
                .Select(c => (c.Id, c.Name)).ToList());

    public static Task<IReadOnlyList<(int Id, string Name)>> RegionsAsync(
        IMemoryCache cache, MarketplaceDbContext db, CancellationToken cancellationToken) =>
        cache.KeptAsync("fairs:regions", async () =>
            (IReadOnlyList<(int Id, string Name)>)(await db.Regions.AsNoTracking().OrderBy(r => r.Name)
                .Select(r => new { r.Id, r.Name }).ToListAsync(cancellationToken))
                .Select(r => (r.Id, r.Name)).ToList());

    /// <summary>All product categories in their sort order; callers must not change them.</summary>
    public static Task<IReadOnlyList<ProductCategory>> ProductCategoriesAsync(
        IMemoryCache cache, MarketplaceDbContext db, CancellationToken cancellationToken) =>
        cache.KeptAsync("fairs:product-categories", async () =>
            (IReadOnlyList<ProductCategory>)await db.ProductCategories.AsNoTracking()
                .OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(cancellationToken));
}
