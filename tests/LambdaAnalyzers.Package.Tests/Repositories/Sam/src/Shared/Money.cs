namespace Shared;

public readonly record struct Money(decimal Amount, string Currency)
{
    public Money Add(Money other) =>
        other.Currency == Currency ? this with { Amount = Amount + other.Amount } : throw new InvalidOperationException("Currencies differ.");
}
