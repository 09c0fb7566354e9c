namespace Marketplace.Infrastructure.Seeding;

/// <summary>The <c>Demo</c> settings section.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";
    /// <summary>Load seeds/demo on first start (default false; true in Development).</summary>
    public bool Seed { get; set; }
    /// <summary>The password of every demo account.</summary>
    public string? Password { get; set; }
    /// <summary>
    /// The authenticator key (base32) of the demo staff and administrators, who must sign in with
    /// a second factor: a person adds it to an authenticator app; the tests compute codes from it.
    /// </summary>
    public string? AuthenticatorKey { get; set; }
}

/// <summary>The <c>Seeds</c> settings section.</summary>
public sealed class SeedsOptions
{
    public const string Section = "Seeds";
    /// <summary>Folder holding reference/ and demo/; defaults to the seeds copied beside the app.</summary>
    public string? Path { get; set; }

    public string ResolvePath() => Path ?? System.IO.Path.Combine(AppContext.BaseDirectory, "seeds");
}
