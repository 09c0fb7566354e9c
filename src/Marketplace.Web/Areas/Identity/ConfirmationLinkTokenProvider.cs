using Marketplace.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Areas.Identity;

/// <summary>
/// The token of the link in the sign-up e-mail. Following it signs the producer in, so it lives
/// shorter than the other account links (a day): <see cref="ConfirmationLinkTokenOptions.Lifespan"/>.
/// It serves once: a confirmed address is never signed in by its link again.
/// </summary>
public sealed class ConfirmationLinkTokenProvider(
    IDataProtectionProvider protection,
    IOptions<ConfirmationLinkTokenOptions> options,
    ILogger<DataProtectorTokenProvider<AppUser>> logger)
    : DataProtectorTokenProvider<AppUser>(protection, options, logger)
{
    public const string ProviderName = "ConfirmationLink";
}

public sealed class ConfirmationLinkTokenOptions : DataProtectionTokenProviderOptions
{
    /// <summary>How long a sign-up link can be followed; the e-mail says so.</summary>
    public static readonly TimeSpan Lifespan = TimeSpan.FromHours(3);

    public ConfirmationLinkTokenOptions()
    {
        Name = ConfirmationLinkTokenProvider.ProviderName;
        TokenLifespan = Lifespan;
    }
}
