namespace Marketplace.Domain.Certifications;

public enum CertificationStatus
{
    Pending,
    Verified,
    Declined,
}
