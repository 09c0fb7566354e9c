namespace Marketplace.Domain.Producers;

public enum OrganizationType
{
    Individual,
    Family,
    Cooperative,
    Association,
    WomensOrganization,
}
