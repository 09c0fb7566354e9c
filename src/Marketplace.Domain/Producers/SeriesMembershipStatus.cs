namespace Marketplace.Domain.Producers;

public enum SeriesMembershipStatus
{
    Applied,
    Approved,
    Declined,
}
