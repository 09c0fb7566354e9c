namespace Marketplace.Web.Hosting;

/// <summary>The <c>Map</c> settings section: where the map's tiles come from.</summary>
public sealed class MapOptions
{
    public const string Section = "Map";

    /// <summary>
    /// Leaflet tile URL template (<c>{z}</c>, <c>{x}</c>, <c>{y}</c>, optional <c>{s}</c>);
    /// empty draws the markers on a blank map.
    /// </summary>
    public string TileUrl { get; set; } = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    /// <summary>Attribution the tile provider requires, shown in the map's corner (HTML is not allowed).</summary>
    public string Attribution { get; set; } = "© OpenStreetMap contributors";

    /// <summary>The origin the tiles load from, for the Content-Security-Policy; null for the site's own.</summary>
    public string? TileOrigin()
    {
        if (string.IsNullOrWhiteSpace(TileUrl) || !TileUrl.Contains("://", StringComparison.Ordinal))
        {
            return null;
        }
        var schemeEnd = TileUrl.IndexOf("://", StringComparison.Ordinal) + 3;
        var hostEnd = TileUrl.IndexOf('/', schemeEnd);
        var origin = hostEnd < 0 ? TileUrl : TileUrl[..hostEnd];
        // "{s}.tile.example.org" names subdomains a, b, c: allow them all.
        return origin.Replace("{s}", "*", StringComparison.Ordinal);
    }
}
