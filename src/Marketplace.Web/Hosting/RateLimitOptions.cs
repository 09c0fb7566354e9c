namespace Marketplace.Web.Hosting;

/// <summary>The <c>RateLimits</c> settings section.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";
    /// <summary>Turn every limit off (benchmarks); default on.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>Sign-in, sign-up and password-reset posts per client address per minute.</summary>
    public int AccountPostsPerMinute { get; set; } = 10;
    /// <summary>Open-data API requests per client address per minute.</summary>
    public int ApiRequestsPerMinute { get; set; } = 120;
}
