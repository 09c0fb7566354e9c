namespace Marketplace.Infrastructure.Identity;

/// <summary>
/// Failed sign-ins of one address typed into the form from one client address: the lockout counts
/// per pair, so a stranger hammering an account locks out only himself.
/// </summary>
public class SignInFailure
{
    /// <summary>The e-mail as typed, normalized; an unknown address is counted the same way as a known one.</summary>
    public required string Email { get; set; }

    /// <summary>The client's address (an IPv6 client's /64 network), see <see cref="SignInThrottle"/>.</summary>
    public required string ClientAddress { get; set; }

    public int Count { get; set; }
    public DateTime LastFailureAtUtc { get; set; }
    public DateTime? LockedUntilUtc { get; set; }
}
