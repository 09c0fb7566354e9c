namespace Marketplace.Web.Health;

public static class HealthTags
{
    /// <summary>Checks that must pass before the site is ready to serve.</summary>
    public const string Ready = "ready";
}
