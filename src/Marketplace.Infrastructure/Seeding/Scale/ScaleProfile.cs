namespace Marketplace.Infrastructure.Seeding.Scale;

/// <summary>How much data the scale generator writes.</summary>
public sealed record ScaleProfile(
    string Name,
    int Municipalities,
    int Venues,
    int MinStalls,
    int MaxStalls,
    int Series,
    int Producers,
    int Bookings,
    int Subscriptions)
{
    /// <summary>Huancavelica's size: about 75,000 producers, two years of fairs.</summary>
    public static readonly ScaleProfile Region = new("region", 100, 500, 10, 60, 300, 75_000, 500_000, 50_000);

    /// <summary>The same shape, small enough for a test.</summary>
    public static readonly ScaleProfile Small = new("small", 10, 20, 10, 30, 12, 1_000, 5_000, 500);

    public static ScaleProfile? Named(string name) => name.ToLowerInvariant() switch
    {
        "region" => Region,
        "small" => Small,
        _ => null,
    };

    /// <summary>Share of series that rotate through several venues.</summary>
    public const int ItinerantEvery = 5;
    /// <summary>One producer in this many holds a certification.</summary>
    public const int CertifiedEvery = 3;
    /// <summary>One producer in this many is a women's organization.</summary>
    public const int WomensOrganizationEvery = 10;
}
