namespace Marketplace.Domain.Common;

/// <summary>Great-circle distance on a spherical Earth; plenty for "fairs within 25 km".</summary>
public static class GreatCircle
{
    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        const double radius = 6371.0;
        static double Rad(double degrees) => degrees * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
            + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * radius * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
