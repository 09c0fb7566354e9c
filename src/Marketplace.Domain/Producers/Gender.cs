namespace Marketplace.Domain.Producers;

public enum Gender
{
    Female,
    Male,
    Other,
}
