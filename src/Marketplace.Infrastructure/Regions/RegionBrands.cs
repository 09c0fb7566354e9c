using Marketplace.Domain.Regions;
using Marketplace.Infrastructure.Caching;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Marketplace.Infrastructure.Regions;

/// <summary><c>Brand:DefaultRegion</c>: the code of the region whose brand pages without a place of their own wear.</summary>
public sealed class BrandOptions
{
    public const string Section = "Brand";
    /// <summary>A region code (e.g. <c>huancavelica</c>); empty means the first region.</summary>
    public string? DefaultRegion { get; set; }
}

/// <summary>What a page, an e-mail or a poster shows of a region: its name, logo, colours, language, welcome.</summary>
public sealed record RegionBrand(int Id, string Code, string Name, string DefaultCulture, string PrimaryColor,
    string? WelcomeText, Guid? LogoFileId)
{
    /// <summary>White or black, whichever is readable on <see cref="PrimaryColor"/>.</summary>
    public string TextColor => BrandColor.TryParse(PrimaryColor, out var c) ? c.TextColor : BrandColor.White;

    /// <summary>The brand as e-mails wear it.</summary>
    public MailBrand Mail => new(Name, PrimaryColor, TextColor);
}

/// <summary>
/// Finds the brand of the region a fair day, a series, a producer or a municipality belongs to.
/// Every page's layout and language need it, so each node keeps the brands and the places'
/// regions for <see cref="KeptForAMinute.Duration"/> (the staleness the public output cache already accepts):
/// <see cref="Forget"/> drops them on this node when a brand or a municipality is saved, other nodes catch up
/// within the minute.
/// </summary>
public sealed class RegionBrands(MarketplaceDbContext db, IOptions<BrandOptions> options, IMemoryCache cache)
{
    private const string BrandsKey = "regions:brands";
    private const string ChangesKey = "regions:changes";

    public async Task<RegionBrand?> ForMunicipalityAsync(int municipalityId, CancellationToken cancellationToken) =>
        await ByIdAsync(await RegionOfAsync("municipality", municipalityId,
            () => db.Municipalities.Where(m => m.Id == municipalityId).Select(m => m.RegionId), cancellationToken), cancellationToken);

    /// <summary>For code that builds its collaborators itself and has only a DbContext.</summary>
    public static Task<RegionBrand?> OfMunicipalityAsync(MarketplaceDbContext db, int municipalityId,
        CancellationToken cancellationToken) =>
        Project(db.Regions.AsNoTracking()
                .Where(r => db.Municipalities.Where(m => m.Id == municipalityId).Select(m => m.RegionId).Contains(r.Id)))
            .SingleOrDefaultAsync(cancellationToken);

    public async Task<RegionBrand?> ForFairDayAsync(int fairDayId, CancellationToken cancellationToken) =>
        await ByIdAsync(await RegionOfAsync("fair-day", fairDayId,
            () => db.FairDays.Where(d => d.Id == fairDayId).Select(d => d.Venue!.Municipality!.RegionId), cancellationToken), cancellationToken);

    public async Task<RegionBrand?> ForSeriesAsync(int seriesId, CancellationToken cancellationToken) =>
        await ByIdAsync(await RegionOfAsync("series", seriesId,
            () => db.FairSeries.Where(s => s.Id == seriesId).Select(s => s.OrganizerMunicipality!.RegionId), cancellationToken), cancellationToken);

    public async Task<RegionBrand?> ForProducerAsync(int producerId, CancellationToken cancellationToken) =>
        await ByIdAsync(await RegionOfAsync("producer", producerId,
            () => db.Producers.Where(p => p.Id == producerId && p.DeletedAtUtc == null).Select(p => p.Municipality!.RegionId),
            cancellationToken), cancellationToken);

    /// <summary>The configured default region, else the first one; null only on an empty database.</summary>
    public async Task<RegionBrand?> DefaultAsync(CancellationToken cancellationToken) =>
        await ConfiguredAsync(cancellationToken) ?? (await AllAsync(cancellationToken)).FirstOrDefault();

    /// <summary>
    /// The region <c>Brand:DefaultRegion</c> names; null when none is configured or no region has that code.
    /// </summary>
    public async Task<RegionBrand?> ConfiguredAsync(CancellationToken cancellationToken)
    {
        var code = options.Value.DefaultRegion;
        return string.IsNullOrWhiteSpace(code) ? null
            : (await AllAsync(cancellationToken)).FirstOrDefault(b => string.Equals(b.Code, code.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Drops everything this node keeps (brands and places' regions), so the next page wears a
    /// brand just saved or the region a municipality was just moved to.
    /// </summary>
    public void Forget() => Changes.Raise();

    // Kept in the node's cache, as this service lives one request; looked up once per request.
    private ChangeSignal? _changes;

    private ChangeSignal Changes => _changes ??= cache.GetOrCreate(ChangesKey, entry =>
    {
        entry.Priority = CacheItemPriority.NeverRemove;
        return new ChangeSignal();
    })!;

    private async Task<RegionBrand?> ByIdAsync(int? regionId, CancellationToken cancellationToken) =>
        regionId is { } id ? (await AllAsync(cancellationToken)).SingleOrDefault(b => b.Id == id) : null;

    /// <summary>Every region's brand, by id: there are a handful.</summary>
    private Task<IReadOnlyList<RegionBrand>> AllAsync(CancellationToken cancellationToken) =>
        cache.KeptAsync<IReadOnlyList<RegionBrand>>(BrandsKey,
            async () => await Project(db.Regions.AsNoTracking().OrderBy(r => r.Id)).ToListAsync(cancellationToken), Changes);

    /// <summary>
    /// The region of one place, kept like the brands; a place not found is not kept, so one
    /// created a moment later finds its region at once. The query is only built when it is not
    /// kept: building it costs more than finding it kept (each booking e-mail asks).
    /// </summary>
    private Task<int?> RegionOfAsync(string kind, int id, Func<IQueryable<int>> regionId, CancellationToken cancellationToken) =>
        cache.KeptAsync($"regions:of:{kind}:{id}",
            () => regionId().Select(r => (int?)r).SingleOrDefaultAsync(cancellationToken), Changes);

    private static IQueryable<RegionBrand> Project(IQueryable<Region> regions) =>
        regions.Select(r => new RegionBrand(r.Id, r.Code, r.Name, r.DefaultCulture, r.PrimaryColor, r.WelcomeText, r.LogoFileId));
}
