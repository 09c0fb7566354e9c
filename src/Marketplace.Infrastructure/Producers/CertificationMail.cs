using System.Globalization;
using System.Resources;
using Marketplace.Domain.Certifications;
using Marketplace.Domain.Producers;
using Marketplace.Infrastructure.Mail;

namespace Marketplace.Infrastructure.Producers;

/// <summary>
/// The certification e-mails (or phone notices) through <see cref="ProducerMessenger"/>; the
/// caller saves them with its change. Every template gets {1} the certification named in the
/// recipient's language, e.g. "certificación orgánica por certificadora (BioLatina, PE-123)".
/// </summary>
public sealed class CertificationMail(ProducerMessenger messenger, Outbox outbox)
{
    public const string CertificationsPath = "/Producer/Certifications";

    /// <summary>CertificationVerified: {2} valid until (a <see cref="DateOnly"/>).</summary>
    public Task VerifiedAsync(Producer producer, Certification certification) =>
        messenger.NotifyAsync(producer, "certification-verified", "CertificationVerified",
            outbox.Link(CertificationsPath), new CertificationName(certification), certification.ValidTo);

    /// <summary>CertificationDeclined: {2} the staff's reason.</summary>
    public Task DeclinedAsync(Producer producer, Certification certification) =>
        messenger.NotifyAsync(producer, "certification-declined", "CertificationDeclined",
            outbox.Link(CertificationsPath), new CertificationName(certification), certification.DecisionReason ?? "");

    /// <summary>CertificationExpiring: {2} valid until (a <see cref="DateOnly"/>).</summary>
    public Task ExpiringAsync(Producer producer, Certification certification) =>
        messenger.NotifyAsync(producer, "certification-expiring", "CertificationExpiring",
            outbox.Link(CertificationsPath), new CertificationName(certification), certification.ValidTo);

    /// <summary>
    /// Formats as the kind's name in the culture the mail is composed in (the recipient's, known
    /// only inside the messenger), followed by who certified it.
    /// </summary>
    private sealed class CertificationName(Certification certification) : IFormattable
    {
        private static readonly ResourceManager Text =
            new("Marketplace.Infrastructure.Mail.MailText", typeof(MailComposer).Assembly);

        public string ToString(string? format, IFormatProvider? formatProvider)
        {
            var culture = formatProvider as CultureInfo ?? CultureInfo.CurrentCulture;
            var name = Text.GetString("Certification.Kind." + certification.Kind, culture)
                ?? certification.Kind.ToString();
            var by = string.Join(", ", new[] { certification.Certifier, certification.Code, certification.GroupName }
                .Where(s => !string.IsNullOrWhiteSpace(s)));
            return by.Length == 0 ? name : $"{name} ({by})";
        }

        public override string ToString() => ToString(null, CultureInfo.CurrentCulture);
    }
}
