namespace Marketplace.Domain.Certifications;

public enum CertificationKind
{
    /// <summary>Organic, certified by a third-party certifier (with a certificate code).</summary>
    ThirdPartyOrganic,
    /// <summary>Participatory guarantee system (PGS / SGP), held by a producers' group.</summary>
    ParticipatoryGuarantee,
    /// <summary>Converting to organic: shown, but not an organic badge.</summary>
    InTransition,
}
