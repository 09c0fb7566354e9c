using System.Text.RegularExpressions;
using Marketplace.Infrastructure.Regions;

namespace Marketplace.Web.Brand;

/// <summary>
/// The region a request belongs to, read from its path: a fair day's (<c>/Fairs/{id}</c> and its
/// poster), a series' (<c>/Fairs/Series/{id}/Poster</c>), a producer's (<c>/Producers/{id}</c>) —
/// else the configured default region (<c>Brand:DefaultRegion</c>). The header wears its brand,
/// and <see cref="RegionCultureProvider"/> uses its default language when the visitor chose none.
/// Found once per request.
/// </summary>
public sealed partial class PageRegion(RegionBrands brands)
{
    private RegionBrand? _brand;
    private bool _found;

    public async Task<RegionBrand?> ForAsync(HttpContext context)
    {
        if (!_found)
        {
            _brand = await FindAsync(context.Request.Path.Value ?? "/", context.RequestAborted);
            _found = true;
        }
        return _brand;
    }

    private async Task<RegionBrand?> FindAsync(string path, CancellationToken cancellationToken)
    {
        var fromPage = FairDayPath().Match(path) is { Success: true } day
            ? await brands.ForFairDayAsync(Id(day), cancellationToken)
            : SeriesPath().Match(path) is { Success: true } series
                ? await brands.ForSeriesAsync(Id(series), cancellationToken)
                : ProducerPath().Match(path) is { Success: true } producer
                    ? await brands.ForProducerAsync(Id(producer), cancellationToken)
                    : null;
        return fromPage ?? await brands.DefaultAsync(cancellationToken);
    }

    private static int Id(Match match) =>
        int.TryParse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : 0;

    [GeneratedRegex("^/Fairs/([0-9]{1,9})(?:/Poster)?/?$", RegexOptions.IgnoreCase)]
    private static partial Regex FairDayPath();

    [GeneratedRegex("^/Fairs/Series/([0-9]{1,9})/Poster/?$", RegexOptions.IgnoreCase)]
    private static partial Regex SeriesPath();

    [GeneratedRegex("^/Producers/([0-9]{1,9})/?$", RegexOptions.IgnoreCase)]
    private static partial Regex ProducerPath();
}
