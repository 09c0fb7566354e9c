using Marketplace.Domain.Regions;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;
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

/// <summary>Finds the brand of the region a fair day, a series, a producer or a municipality belongs to.</summary>
public sealed class RegionBrands(MarketplaceDbContext db, IOptions<BrandOptions> options)
{
    public Task<RegionBrand?> ForMunicipalityAsync(int municipalityId, CancellationToken cancellationToken) =>
        OfMunicipalityAsync(db, municipalityId, cancellationToken);

    /// <summary>For code that builds its collaborators itself and has only a DbContext.</summary>
    public static Task<RegionBrand?> OfMunicipalityAsync(MarketplaceDbContext db, int municipalityId,
        CancellationToken cancellationToken) =>
        ForRegionAsync(db, db.Municipalities.Where(m => m.Id == municipalityId).Select(m => m.RegionId), cancellationToken);

    public Task<RegionBrand?> ForFairDayAsync(int fairDayId, CancellationToken cancellationToken) =>
        ForRegionAsync(db.FairDays.Where(d => d.Id == fairDayId).Select(d => d.Venue!.Municipality!.RegionId), cancellationToken);

    public Task<RegionBrand?> ForSeriesAsync(int seriesId, CancellationToken cancellationToken) =>
        ForRegionAsync(db.FairSeries.Where(s => s.Id == seriesId).Select(s => s.OrganizerMunicipality!.RegionId), cancellationToken);

    public Task<RegionBrand?> ForProducerAsync(int producerId, CancellationToken cancellationToken) =>
        ForRegionAsync(db.Producers.Where(p => p.Id == producerId && p.DeletedAtUtc == null)
            .Select(p => p.Municipality!.RegionId), cancellationToken);

    /// <summary>The configured default region, else the first one; null only on an empty database.</summary>
    public async Task<RegionBrand?> DefaultAsync(CancellationToken cancellationToken)
    {
        var code = options.Value.DefaultRegion;
        var regions = db.Regions.AsNoTracking();
        var chosen = string.IsNullOrWhiteSpace(code) ? null : await Project(regions.Where(r => r.Code == code))
            .SingleOrDefaultAsync(cancellationToken);
        return chosen ?? await Project(regions.OrderBy(r => r.Id)).FirstOrDefaultAsync(cancellationToken);
    }

    private Task<RegionBrand?> ForRegionAsync(IQueryable<int> regionId, CancellationToken cancellationToken) =>
        ForRegionAsync(db, regionId, cancellationToken);

    private static async Task<RegionBrand?> ForRegionAsync(MarketplaceDbContext db, IQueryable<int> regionId,
        CancellationToken cancellationToken) =>
        await Project(db.Regions.AsNoTracking().Where(r => regionId.Contains(r.Id))).SingleOrDefaultAsync(cancellationToken);

    private static IQueryable<RegionBrand> Project(IQueryable<Region> regions) =>
        regions.Select(r => new RegionBrand(r.Id, r.Code, r.Name, r.DefaultCulture, r.PrimaryColor, r.WelcomeText, r.LogoFileId));
}
