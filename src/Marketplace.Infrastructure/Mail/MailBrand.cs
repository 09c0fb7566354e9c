namespace Marketplace.Infrastructure.Mail;

/// <summary>
/// The brand an e-mail wears: the sender's name (a region's, or the site's) and the colours of its
/// heading band. A bare name converts to a brand in the site's default green.
/// </summary>
public sealed record MailBrand(string Name, string Color = MailBrand.DefaultColor, string TextColor = "#ffffff")
{
    public const string DefaultColor = "#1b5e20";

    public static implicit operator MailBrand(string name) => new(name);
}
