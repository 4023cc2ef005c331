export * from './open-data.service-definition.js';
export { maskedExpression, OPEN_MASK_RULE_NAMES, OPEN_MASK_RULES, type OpenMaskRule } from './sources/masking-sql.js';
export { selectList } from './rows/table-query.js';
export { DatasetRepository } from './datasets/dataset.repository.js';
export { ReviewDatasetUseCase } from './datasets/review-dataset.usecase.js';
export { CatalogMountsClient } from './sources/catalog-mounts.client.js';
export { OPEN_DOMAINS, type OpenDomain } from './datasets/open-vocabulary.js';
export { VerificationCodeSender } from './people/verification-code.sender.js';
